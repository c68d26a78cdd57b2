// The peer of `make bench-peer`: @neo4j/graphql 7 behind Apollo Server 5, reading the same
// Neo4j as SkillGraph. Set up as a user would: library defaults, one Node process.
//
// Environment:
//   PEER_NEO4J_URI       Bolt URI of SkillGraph's Neo4j (default bolt://127.0.0.1:7687)
//   PEER_NEO4J_USER      with PEER_NEO4J_PASSWORD: basic auth; unset: auth scheme "none"
//   PEER_NEO4J_PASSWORD
//   PEER_NEO4J_DATABASE  default "neo4j"
//   PEER_PORT            port to listen on, loopback only (default 4000)
//
// Prints "peer ready at http://127.0.0.1:<port>/" once it serves; exits non-zero if it cannot.

import { readFileSync } from "node:fs";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

const HOST = "127.0.0.1";
const uri = process.env.PEER_NEO4J_URI ?? "bolt://127.0.0.1:7687";
const port = Number.parseInt(process.env.PEER_PORT ?? "4000", 10);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`PEER_PORT must be a port number, got ${process.env.PEER_PORT}`);
  process.exit(2);
}
// The repo's local launcher runs Neo4j with authentication off: "none" is accepted there.
const user = process.env.PEER_NEO4J_USER;
const auth = user
  ? neo4j.auth.basic(user, process.env.PEER_NEO4J_PASSWORD ?? "")
  : neo4j.auth.none();
const database = process.env.PEER_NEO4J_DATABASE ?? "neo4j";

const typeDefs = readFileSync(new URL("./typeDefs.graphql", import.meta.url), "utf8");
const driver = neo4j.driver(uri, auth);

async function main() {
  await driver.verifyConnectivity({ database });
  const neoSchema = new Neo4jGraphQL({ typeDefs, driver });
  const schema = await neoSchema.getSchema();
  const server = new ApolloServer({ schema });
  const { url } = await startStandaloneServer(server, {
    listen: { host: HOST, port },
    context: async () => ({ sessionConfig: { database } }),
  });
  console.log(`peer ready at ${url}`);

  const shutdown = async () => {
    await server.stop();
    await driver.close();
    process.exit(0);
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

main().catch(async (error) => {
  console.error(error);
  await driver.close();
  process.exit(1);
});
