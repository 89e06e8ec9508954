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
CMD ["node", "server/dist/main.js"]
