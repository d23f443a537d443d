# One image for every Parley service; the compose file picks the service with the command.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.web.json .swcrc nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build && npm run build:web && npm prune --omit=dev

# The edge: nginx with Parley's routes and the built dashboard, widget and demo page
# (`docker compose` builds this target for its nginx service).
FROM nginx:1.27-alpine AS edge
COPY nginx/nginx.docker.conf /etc/nginx/nginx.conf
COPY nginx/parley.http.conf nginx/parley.locations.conf nginx/parley.tls.conf \
  nginx/parley.https-redirect.conf /etc/nginx/parley/
# nginx's entrypoint runs /docker-entrypoint.d/*.sh before nginx starts: this one writes the
# deployment's settings (trusted load balancers, the HTTPS origin) from the environment.
COPY --chmod=755 nginx/edge-settings.sh /docker-entrypoint.d/40-parley-edge-settings.sh
ENV EDGE_SETTINGS_FILE=/etc/nginx/parley/edge-settings.conf
COPY nginx/html /etc/nginx/html
# The routes' `root ../dist/web` is relative to nginx's prefix, /etc/nginx.
COPY --from=build /app/dist/web /etc/dist/web

# The services (the last stage, so a plain `docker build .` makes this image).
FROM node:20-bookworm-slim AS service
ENV NODE_ENV=production HOST=0.0.0.0 KAFKAJS_NO_PARTITIONER_WARNING=1
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
USER node
