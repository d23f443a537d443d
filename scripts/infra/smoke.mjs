#!/usr/bin/env node
// End-to-end check of the local infrastructure with the real clients the services use:
//   node scripts/infra/smoke.mjs [kafka] [opensearch] [mongo] [redis] [smtp] [s3]   (none = all)
// kafka: create a topic, produce one message, consume it back (kafkajs)
// opensearch: an index with an analyzer of analysis-common, a document searched with highlights,
//        a Painless script field, the index deleted (@opensearch-project/opensearch)
// mongo: insert + find + unique index rejecting a duplicate (mongodb driver)
// redis: SET/GET with a TTL, PING (ioredis)
// smtp:  send a mail over SMTP (nodemailer) and find it in maildev's REST API, then delete it
// s3:    create a bucket, put an object, read it back, delete both (AWS SDK S3 client), and see
//        an unsigned request refused
// Uses the same environment variables as scripts/infra.sh. Exit 0 when every check passed.

import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';
const HOST = '127.0.0.1';
const env = process.env;
const port = (name, dflt) => Number(env[name] || dflt);
const tag = randomUUID().slice(0, 8);

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const checks = {
  async kafka() {
    const { Kafka, logLevel } = require('kafkajs');
    const kafka = new Kafka({
      clientId: 'parley-infra-smoke',
      brokers: [`${HOST}:${port('KAFKA_PORT', 9092)}`],
      logLevel: logLevel.WARN,
    });
    const topic = `parley-smoke-${tag}`;
    const admin = kafka.admin();
    await admin.connect();
    const created = await admin.createTopics({
      topics: [{ topic, numPartitions: 1, replicationFactor: 1 }],
      waitForLeaders: true,
    });
    const producer = kafka.producer();
    const consumer = kafka.consumer({ groupId: `parley-smoke-${tag}` });
    try {
      await producer.connect();
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      const received = new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no message consumed within 30s')), 30000);
        consumer.run({
          eachMessage: async ({ message }) => {
            clearTimeout(timer);
            resolve(message.value.toString());
          },
        });
      });
      const t0 = Date.now();
      await producer.send({ topic, messages: [{ key: 'k', value: `hello ${tag}` }] });
      const value = await received;
      if (value !== `hello ${tag}`) throw new Error(`consumed ${value}`);
      return `topic ${topic} created=${created}, produced and consumed "${value}" (${Date.now() - t0} ms after send)`;
    } finally {
      await consumer.disconnect().catch(() => {});
      await producer.disconnect().catch(() => {});
      await admin.deleteTopics({ topics: [topic] }).catch(() => {});
      await admin.disconnect().catch(() => {});
    }
  },

  async opensearch() {
    const { Client } = require('@opensearch-project/opensearch');
    const node = env.OPENSEARCH_URL || `http://${HOST}:${port('OPENSEARCH_PORT', 9200)}`;
    const client = new Client({ node });
    const index = `parley-smoke-${tag}`;
    try {
      // html_strip and asciifolding come from the analysis-common module.
      await client.indices.create({
        index,
        body: {
          settings: {
            number_of_replicas: 0,
            analysis: {
              analyzer: {
                chat_text: {
                  type: 'custom',
                  tokenizer: 'standard',
                  char_filter: ['html_strip'],
                  filter: ['lowercase', 'asciifolding'],
                },
              },
            },
          },
          mappings: { properties: { text: { type: 'text', analyzer: 'chat_text' } } },
        },
      });
      await client.index({
        index,
        id: '1',
        body: { text: 'Le <b>café</b> est servi' },
        refresh: 'true',
      });
      const { body } = await client.search({
        index,
        body: {
          query: { match: { text: 'cafe' } },
          highlight: { fields: { text: {} } },
          // A Painless script (the lang-painless module).
          script_fields: { length: { script: { source: 'params._source.text.length()' } } },
        },
      });
      const hit = body.hits.hits[0];
      const highlight = hit?.highlight?.text?.[0];
      // The offsets are the stripped text's: the tags around the word may interleave.
      if (!highlight?.includes('<em>café'))
        throw new Error(`search answered ${JSON.stringify(body.hits)}`);
      const length = hit.fields?.length?.[0];
      if (length !== 24) throw new Error(`the Painless script field answered ${length}`);
      return `${redact(node)}: index ${index} created, "cafe" found "${highlight}", Painless script field ok, index deleted`;
    } finally {
      await client.indices.delete({ index }).catch(() => {});
      await client.close().catch(() => {});
    }
  },

  async mongo() {
    const { MongoClient } = require('mongodb');
    const url = env.MONGO_URL || `mongodb://${HOST}:${port('MONGO_PORT', 27017)}/`;
    const client = new MongoClient(url, { serverSelectionTimeoutMS: 5000 });
    await client.connect();
    try {
      const db = client.db('parley_smoke');
      const col = db.collection(`smoke_${tag}`);
      await col.createIndex(
        { tenantId: 1, email: 1 },
        { unique: true, name: 'tenant_email_unique' },
      );
      const { insertedId } = await col.insertOne({ tenantId: 't1', email: 'a@example.test', n: 1 });
      const found = await col.findOne({ _id: insertedId });
      if (!found || found.email !== 'a@example.test')
        throw new Error('find did not return the inserted document');
      let duplicateRejected = false;
      try {
        await col.insertOne({ tenantId: 't1', email: 'a@example.test', n: 2 });
      } catch (err) {
        duplicateRejected = err.code === 11000;
        if (!duplicateRejected) throw err;
      }
      if (!duplicateRejected) throw new Error('unique index accepted a duplicate');
      const updated = await col.findOneAndUpdate(
        { _id: insertedId },
        { $inc: { n: 1 } },
        { returnDocument: 'after' },
      );
      if (updated?.n !== 2)
        throw new Error(`findOneAndUpdate $inc answered ${JSON.stringify(updated)}`);
      const build = await db.admin().command({ buildInfo: 1 });
      await col.drop();
      return `${url}: insert+find ok, unique index rejected a duplicate (E11000), findOneAndUpdate $inc ok, reports MongoDB ${build.version}`;
    } finally {
      await client.close();
    }
  },

  async redis() {
    const Redis = require('ioredis');
    const client = new Redis({
      host: HOST,
      port: port('REDIS_PORT', 6379),
      maxRetriesPerRequest: 1,
    });
    try {
      const key = `parley:smoke:${tag}`;
      await client.set(key, 'v', 'EX', 30);
      const v = await client.get(key);
      const ttl = await client.ttl(key);
      await client.del(key);
      const id = await client.xadd(`${key}:stream`, '*', 'f', 'v');
      await client.del(`${key}:stream`);
      const info = await client.info('server');
      const version = /redis_version:(\S+)/.exec(info)?.[1];
      if (v !== 'v' || ttl <= 0) throw new Error(`GET answered ${v}, TTL ${ttl}`);
      return `${HOST}:${port('REDIS_PORT', 6379)}: PING ${await client.ping()}, SET/GET with TTL ok, XADD ${id} ok, redis ${version}`;
    } finally {
      client.disconnect();
    }
  },

  async smtp() {
    const nodemailer = require('nodemailer');
    const api = `http://${HOST}:${port('SMTP_WEB_PORT', 1080)}`;
    const transport = nodemailer.createTransport({
      host: HOST,
      port: port('SMTP_PORT', 1025),
      secure: false,
      ignoreTLS: true,
    });
    const subject = `Parley smoke ${tag}`;
    await transport.sendMail({
      from: 'noreply@parley.test',
      to: 'agent@parley.test',
      subject,
      text: 'hello',
    });
    transport.close();
    // maildev stores the mail asynchronously; poll its API briefly.
    let mail;
    for (let i = 0; i < 20 && !mail; i++) {
      const list = JSON.parse((await request('GET', `${api}/email`)).body);
      mail = list.find((m) => m.subject === subject);
      if (!mail) await new Promise((r) => setTimeout(r, 100));
    }
    if (!mail) throw new Error(`mail "${subject}" not listed by GET ${api}/email`);
    const del = await request('DELETE', `${api}/email/${mail.id}`);
    if (del.status !== 200) throw new Error(`DELETE /email/${mail.id} answered ${del.status}`);
    return `sent "${subject}" to ${mail.to?.[0]?.address}, listed by GET ${api}/email (id ${mail.id}), deleted with DELETE /email/:id`;
  },

  async s3() {
    const s3 = require('@aws-sdk/client-s3');
    const endpoint = `http://${HOST}:${port('S3_PORT', 8333)}`;
    const client = new s3.S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: {
        accessKeyId: env.S3_ACCESS_KEY_ID || 'parley-local',
        secretAccessKey: env.S3_SECRET_ACCESS_KEY || 'parley-local-development-s3-secret-change-me',
      },
    });
    const Bucket = `parley-smoke-${tag}`;
    try {
      await client.send(new s3.CreateBucketCommand({ Bucket }));
      await client.send(new s3.PutObjectCommand({ Bucket, Key: 'a/b.txt', Body: 'hello' }));
      const got = await client.send(new s3.GetObjectCommand({ Bucket, Key: 'a/b.txt' }));
      const body = await got.Body.transformToString();
      if (body !== 'hello') throw new Error(`GetObject answered ${JSON.stringify(body)}`);
      const anonymous = await request('GET', `${endpoint}/${Bucket}/a/b.txt`);
      if (anonymous.status !== 403) throw new Error(`an unsigned GET answered ${anonymous.status}`);
      await client.send(new s3.DeleteObjectCommand({ Bucket, Key: 'a/b.txt' }));
      await client.send(new s3.DeleteBucketCommand({ Bucket }));
      return `${endpoint}: bucket ${Bucket} created, object put, read back and deleted; unsigned GET refused (403)`;
    } finally {
      client.destroy();
    }
  },
};

function redact(url) {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

function request(method, url) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('timeout', () => req.destroy(new Error('HTTP request timed out')));
    req.on('error', reject);
    req.end();
  });
}

const wanted = process.argv.slice(2);
const parts = wanted.length ? wanted : Object.keys(checks);
let failed = 0;
for (const part of parts) {
  if (!checks[part]) {
    console.error(`unknown part ${part}`);
    process.exit(2);
  }
  try {
    console.log(`ok   ${part}: ${await checks[part]()}`);
  } catch (err) {
    failed++;
    console.log(`FAIL ${part}: ${err.stack || err}`);
  }
}
console.log(`${parts.length - failed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
setTimeout(() => process.exit(process.exitCode), 200).unref();
