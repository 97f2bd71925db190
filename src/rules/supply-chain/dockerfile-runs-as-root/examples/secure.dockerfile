# The same image, switching to an unprivileged user before the server starts.
FROM python:3.12-slim
WORKDIR /app
COPY pyproject.toml ./
RUN pip install --no-cache-dir . && useradd --uid 10001 --no-create-home mcp
COPY server.py ./
USER 10001
CMD ["python", "server.py"]
