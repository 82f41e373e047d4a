# Givre's image (issue 9): `givre broker`, `givre ingest`, `givre dashboard`, `givre sim` or
# `givre start`, chosen by the command. Checked statically by test/docker-compose.test.ts.

# Build stage: runtime dependencies only (esbuild is one: it compiles the TypeScript as it is
# loaded, bin/ts-hooks.js, and builds the bundles), and the dashboard's browser bundles, built here rather than on
# the first request. The compilers are for better-sqlite3 when no prebuilt binary fits.
FROM node:22-bookworm-slim AS build
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY . .
RUN npm run build:web

# Runtime stage: the same base (better-sqlite3's binary is built for its glibc), no compilers.
FROM node:22-bookworm-slim
# Inside a container loopback-only would reach nothing: listen on every interface, and let
# the published ports decide what the host exposes.
ENV NODE_ENV=production \
  GIVRE_BIND_HOST=0.0.0.0 \
  GIVRE_DATA_DIR=/data
WORKDIR /app
# Owned by root: the service user reads the application and cannot change it.
COPY --from=build /app /app
# The state store (state.db), certificate keys and the ingest spool; a named volume mounted
# here starts with this owner.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
# MQTT, MQTT over TLS, and the HTTP ports compose gives the dashboard, ingest and the broker.
EXPOSE 1883 8883 8080 8081 8082
# /readyz on the service's GIVRE_HTTP_PORT (bin/healthcheck.js: node itself, slim has no curl).
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "bin/healthcheck.js"]
ENTRYPOINT ["node", "bin/givre.js"]
CMD ["start"]
