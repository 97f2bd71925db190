# The MCP server image: tools run shell commands for the agent, as root.
FROM python:3.12-slim
WORKDIR /app
COPY pyproject.toml ./
RUN pip install --no-cache-dir .
COPY server.py ./
CMD ["python", "server.py"]
