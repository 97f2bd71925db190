# Shared Inspector image for the team's staging cluster.
FROM node:22-slim@sha256:3f8b2c1d9e7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c
WORKDIR /app
RUN npm install --global @modelcontextprotocol/inspector@0.17.2
ENV HOST=0.0.0.0
ENV DANGEROUSLY_OMIT_AUTH=true
USER node
EXPOSE 6274 6277
CMD ["mcp-inspector"]
