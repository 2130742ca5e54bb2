# expect: LL005@4 LL005@8
# expect-final-base: node:latest
# expect-stages: 2
FROM node AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
FROM node:latest
COPY --from=deps /app/node_modules /app/node_modules
COPY . /app
USER node
CMD ["node", "/app/server.js"]
