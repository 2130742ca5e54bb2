# expect: LL002@7 LL003@9
# expect-final-base: node:20.18-bookworm-slim
# expect-stages: 1
FROM node:20.18-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build
USER node
CMD ["node", "dist/server.js"]
