"""Who is calling: API keys and JWTs in, a Principal out; rate limits and idempotent replays."""
