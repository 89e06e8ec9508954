FROM node:20-bookworm AS build
WORKDIR /app
COPY . .
RUN npm ci && npm run build

FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=build /app /app
ENV NODE_ENV=production
EXPOSE 3000
# docker stop sends this, then SIGKILL after the grace period (stop_grace_period: 30s in
# docker-compose.yml). SIGTERM is Docker's default, written out because main.ts relies on it:
# it closes sockets, answers requests in flight, closes the database and exits 0.
STOPSIGNAL SIGTERM
# --max-semi-space-size=64: a larger young generation (MiB per semi-space). The intake allocates
# short-lived objects per record; with it garbage collection takes 0.039 instead of 0.067 ms of
# the server's thread per record, for about 80 MiB more resident memory (README, Benchmark).
CMD ["node", "--max-semi-space-size=64", "server/dist/main.js"]
