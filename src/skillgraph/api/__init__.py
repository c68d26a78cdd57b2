"""GraphQL over HTTP: the Strawberry schema, its context, and the ASGI view."""
