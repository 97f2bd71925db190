FROM node:22-slim@sha256:3f8b2c1d9e7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c
WORKDIR /app
# Download, verify against the published checksum, then run.
ADD --checksum=sha256:9c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d https://get.example-tools.dev/install-1.4.2.sh /tmp/install.sh
RUN sh /tmp/install.sh && rm /tmp/install.sh
COPY . .
RUN npm ci --omit=dev
USER node
CMD ["node", "server.js"]
