# Multi-stage build of FairOps. One image runs every role: the command picks api, worker or migrate.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
COPY migrations ./migrations
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
RUN groupadd --system fairops && useradd --system --gid fairops --home /app fairops
COPY --from=build --chown=fairops:fairops /app/node_modules ./node_modules
COPY --from=build --chown=fairops:fairops /app/dist ./dist
COPY --chown=fairops:fairops package.json ./
USER fairops
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Override with: node dist/apps/worker/src/main.js  |  node dist/apps/cli/src/main.js migrate
CMD ["node", "dist/apps/api/src/main.js"]
