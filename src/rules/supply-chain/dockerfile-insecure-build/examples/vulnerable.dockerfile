FROM node:22-slim@sha256:3f8b2c1d9e7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c
WORKDIR /app
# The install script runs as root during the build and is never checked.
RUN curl -fsSL https://get.example-tools.dev/install.sh | sh
COPY . .
RUN npm ci --omit=dev
USER node
CMD ["node", "server.js"]
