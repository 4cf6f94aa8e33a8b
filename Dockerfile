FROM node:20-bookworm
WORKDIR /app
# Dependencies first so a source change reuses this layer. The full bookworm image has the
# python3, make and g++ that better-sqlite3 needs when it compiles from source.
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev
EXPOSE 3000 50051
CMD ["node", "dist/src/main.js"]
