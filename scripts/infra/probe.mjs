#!/usr/bin/env node
// Readiness probes for scripts/infra.sh: asks each part a real question with its real client.
//
//   node scripts/infra/probe.mjs <kafka|opensearch|mongo|redis|smtp|s3> [--timeout SECONDS] [--pid PID]
//
// Retries until the part answers or --timeout (default 0: one attempt) runs out; with --pid it
// gives up as soon as that process has exited. Exit 0 = answered, 1 = did not, 2 = usage error.
// Addresses come from the same environment variables as scripts/infra.sh (KAFKA_PORT,
// OPENSEARCH_URL, OPENSEARCH_PORT, MONGO_URL, MONGO_PORT, REDIS_PORT, SMTP_PORT, SMTP_WEB_PORT,
// S3_PORT with S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY). Prints one line saying what answered.

import net from 'node:net';
import http from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const HOST = '127.0.0.1';
const env = process.env;
const port = (name, dflt) => Number(env[name] || dflt);

// One attempt per part: resolves with a short description, rejects when the part does not answer.
const probes = {
  async kafka() {
    const { Kafka, logLevel } = require('kafkajs');
    const broker = `${HOST}:${port('KAFKA_PORT', 9092)}`;
    const kafka = new Kafka({
      clientId: 'parley-infra-probe',
      brokers: [broker],
      connectionTimeout: 2000,
      requestTimeout: 3000,
      retry: { retries: 0 },
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin({ retry: { retries: 0 } });
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      const topics = await admin.listTopics();
      return `kafka ${broker}: cluster ${cluster.clusterId}, ${cluster.brokers.length} broker(s), controller ${cluster.controller}, ${topics.length} topic(s)`;
    } finally {
      await admin.disconnect().catch(() => {});
    }
  },

  // Up once the cluster's health is green or yellow (yellow: one node cannot hold replicas).
  async opensearch() {
    const { Client } = require('@opensearch-project/opensearch');
    const node = env.OPENSEARCH_URL || `http://${HOST}:${port('OPENSEARCH_PORT', 9200)}`;
    const client = new Client({ node, requestTimeout: 3000, maxRetries: 0 });
    try {
      const { body: health } = await client.cluster.health();
      if (health.status !== 'green' && health.status !== 'yellow')
        throw new Error(`cluster health is ${health.status}`);
      const { body: info } = await client.info();
      return `opensearch ${redact(node)}: OpenSearch ${info.version?.number}, cluster ${health.cluster_name} ${health.status}, ${health.number_of_nodes} node(s)`;
    } finally {
      await client.close().catch(() => {});
    }
  },

  async mongo() {
    const { MongoClient } = require('mongodb');
    const url = env.MONGO_URL || `mongodb://${HOST}:${port('MONGO_PORT', 27017)}/`;
    const client = new MongoClient(url, {
      serverSelectionTimeoutMS: 2000,
      connectTimeoutMS: 2000,
      socketTimeoutMS: 5000,
    });
    try {
      await client.connect();
      const res = await client.db('admin').command({ ping: 1 });
      if (res.ok !== 1) throw new Error(`ping answered ${JSON.stringify(res)}`);
      return `mongo ${redact(url)}: ping ok`;
    } finally {
      await client.close().catch(() => {});
    }
  },

  async redis() {
    const Redis = require('ioredis');
    const p = port('REDIS_PORT', 6379);
    const client = new Redis({
      host: HOST,
      port: p,
      lazyConnect: true,
      connectTimeout: 2000,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    client.on('error', () => {}); // reported through the rejected promise instead
    try {
      await client.connect();
      const pong = await client.ping();
      if (pong !== 'PONG') throw new Error(`PING answered ${pong}`);
      return `redis ${HOST}:${p}: PONG`;
    } finally {
      client.disconnect();
    }
  },

  async smtp() {
    const smtpPort = port('SMTP_PORT', 1025);
    const webPort = port('SMTP_WEB_PORT', 1080);
    const greeting = await smtpGreeting(HOST, smtpPort);
    const { status, body } = await httpGet(`http://${HOST}:${webPort}/email`);
    if (status !== 200) throw new Error(`GET /email answered HTTP ${status}`);
    const mails = JSON.parse(body);
    if (!Array.isArray(mails)) throw new Error('GET /email did not answer a JSON array');
    return `smtp ${HOST}:${smtpPort} "${greeting}", api http://${HOST}:${webPort}/email: ${mails.length} mail(s)`;
  },

  // A signed S3 call (ListBuckets), so a port that answers without the S3 API, or with other
  // credentials, does not count as up.
  async s3() {
    // The SDK warns once that its releases after January 2027 want Node 22: not news to a probe.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
    const { S3Client, ListBucketsCommand } = require('@aws-sdk/client-s3');
    const endpoint = `http://${HOST}:${port('S3_PORT', 8333)}`;
    const client = new S3Client({
      endpoint,
      region: env.S3_REGION || 'us-east-1',
      forcePathStyle: true,
      credentials: {
        accessKeyId: env.S3_ACCESS_KEY_ID || 'parley-local',
        secretAccessKey: env.S3_SECRET_ACCESS_KEY || 'parley-local-development-s3-secret-change-me',
      },
      maxAttempts: 1,
      requestHandler: { connectionTimeout: 2000, requestTimeout: 3000 },
    });
    try {
      const { Buckets = [] } = await client.send(new ListBucketsCommand({}));
      return `s3 ${endpoint}: ListBuckets ok, ${Buckets.length} bucket(s)`;
    } finally {
      client.destroy();
    }
  },
};

function redact(url) {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

// Reads the first SMTP reply line; a 220 greeting means the server is ready for mail.
function smtpGreeting(host, p) {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host, port: p });
    let buf = '';
    const fail = (err) => {
      sock.destroy();
      reject(err);
    };
    sock.setTimeout(2000, () => fail(new Error('SMTP greeting timed out')));
    sock.on('error', fail);
    sock.on('data', (chunk) => {
      buf += chunk.toString('latin1');
      const nl = buf.indexOf('\n');
      if (nl < 0) return;
      const line = buf.slice(0, nl).trim();
      sock.end('QUIT\r\n');
      sock.destroy();
      if (line.startsWith('220')) resolve(line);
      else reject(new Error(`SMTP greeting was: ${line}`));
    });
  });
}

function httpGet(url) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('timeout', () => req.destroy(new Error('HTTP request timed out')));
    req.on('error', reject);
  });
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

function parseArgs(argv) {
  const out = { part: undefined, timeout: 0, pid: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--timeout') out.timeout = Number(argv[++i]);
    else if (a === '--pid') out.pid = Number(argv[++i]);
    else if (!out.part) out.part = a;
    else throw new Error(`unexpected argument ${a}`);
  }
  if (!out.part || !probes[out.part])
    throw new Error(`part must be one of ${Object.keys(probes).join(', ')}`);
  if (!Number.isFinite(out.timeout) || out.timeout < 0) throw new Error('--timeout wants seconds');
  return out;
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`probe: ${err.message}`);
    return 2;
  }
  const deadline = Date.now() + args.timeout * 1000;
  let lastError;
  for (;;) {
    const started = Date.now();
    try {
      console.log(await probes[args.part]());
      return 0;
    } catch (err) {
      lastError = err;
    }
    if (args.pid && !alive(args.pid)) {
      console.error(
        `probe ${args.part}: process ${args.pid} exited (last error: ${lastError?.message})`,
      );
      return 1;
    }
    if (Date.now() >= deadline) break;
    // Poll about twice a second, never past the deadline.
    const pause = Math.max(0, Math.min(500 - (Date.now() - started), deadline - Date.now()));
    await new Promise((r) => setTimeout(r, pause));
  }
  console.error(
    `probe ${args.part}: no answer after ${args.timeout}s (last error: ${lastError?.message})`,
  );
  return 1;
}

process.exitCode = await main();
// kafkajs / ioredis may leave timers behind; do not let them keep the probe alive.
setTimeout(() => process.exit(process.exitCode), 100).unref();
