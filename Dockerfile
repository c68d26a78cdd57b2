# The API image; docker-compose.yml pairs it with neo4j:5.26-community.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    SKILLGRAPH_ENVIRONMENT=prod \
    SKILLGRAPH_HOST=0.0.0.0 \
    SKILLGRAPH_PORT=8000

WORKDIR /app
COPY pyproject.toml README.md ./
# src/skillgraph/cypher links to ../../cypher: the wheel built here carries the queries.
COPY cypher ./cypher
COPY src ./src
# The semantic extra: skill extraction's embedding model (onnxruntime, no PyTorch).
RUN pip install --no-cache-dir '.[semantic]' && rm -rf /app/src /app/cypher \
    && useradd --system --uid 10001 skillgraph
USER skillgraph

EXPOSE 8000
# Migrations are idempotent, so every start applies whatever is pending first.
CMD ["sh", "-c", "skillgraph db migrate && exec skillgraph serve"]
