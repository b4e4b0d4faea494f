// Opens the relay socket with Node's own WebSocket, exactly as the ak daemon does, for every
// accepted and refused case, and fails when an expected frame or close never arrives.
// Input: RELAY_CHECK, a JSON object written by RelayNodeTest:
//   apiUrl, daemonKey, otherMachineKey, unboundKey, revokedKey, userToken, sessionId, foreignSessionId
// Exit code 0 when every case held; the failures are printed otherwise.

const input = JSON.parse(process.env.RELAY_CHECK ?? "{}");
const WAIT_MS = 5000;
const failures = [];

if (typeof WebSocket !== "function") {
  console.error(`Node ${process.version} has no built-in WebSocket`);
  process.exit(2);
}

// The daemon's URL: http→ws, then the path appended as is (api-url's trailing slash kept).
function daemonUrl(query) {
  const base = input.apiUrl.replace(/^https?/, (p) => (p === "https" ? "wss" : "ws"));
  return `${base}/api/tunnel/ws?${query}`;
}

const enc = encodeURIComponent;

/** A socket whose events are awaited one at a time; every wait has a deadline. */
function connect(query) {
  const ws = new WebSocket(daemonUrl(query));
  const frames = [];
  const waiters = [];
  let opened = false;
  let closed = null;
  const wake = () => waiters.splice(0).forEach((w) => w());
  ws.addEventListener("open", () => { opened = true; wake(); });
  ws.addEventListener("message", (e) => { frames.push(JSON.parse(String(e.data))); wake(); });
  ws.addEventListener("close", (e) => { closed = { code: e.code, reason: e.reason }; wake(); });
  ws.addEventListener("error", () => {});
  const until = (test, what) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${what} within ${WAIT_MS} ms`)), WAIT_MS);
    const check = () => {
      const value = test();
      if (value !== undefined) { clearTimeout(timer); resolve(value); } else { waiters.push(check); }
    };
    check();
  });
  return {
    ws,
    opened: () => until(() => (opened ? true : closed ? new Error("closed before open") : undefined), "open")
      .then((v) => { if (v instanceof Error) throw v; }),
    frame: (type) => until(() => {
      const at = frames.findIndex((f) => f.type === type);
      return at < 0 ? undefined : frames.splice(at, 1)[0];
    }, `${type} frame`),
    closed: () => until(() => closed ?? undefined, "close event"),
    send: (frame) => ws.send(typeof frame === "string" ? frame : JSON.stringify(frame)),
  };
}

async function check(name, body) {
  try {
    await body();
    console.log(`ok   ${name}`);
  } catch (e) {
    failures.push(name);
    console.log(`FAIL ${name}: ${e.message}`);
  }
}

function expect(actual, expected, what) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

async function refused(name, query, code) {
  await check(name, async () => {
    const s = connect(query);
    const { code: got, reason } = await s.closed();
    expect(got, code, "close code");
    if (!reason) throw new Error("close without a reason");
  });
}

await refused("no token is refused with 4401", "role=daemon", 4401);
await refused("a wrong key is refused with 4401", `role=daemon&token=${enc("ak_not-a-key")}`, 4401);
await refused("a revoked key is refused with 4401", `role=daemon&token=${enc(input.revokedKey)}`, 4401);
await refused("an unbound key is refused with 4403", `role=daemon&token=${enc(input.unboundKey)}`, 4403);
await refused("a login token as daemon is refused with 4403", `role=daemon&token=${enc(input.userToken)}`, 4403);
await refused("an unknown role is refused with 4400", `role=robot&token=${enc(input.daemonKey)}`, 4400);
await refused("a browser without sessionId is refused with 4400", `role=browser&token=${enc(input.userToken)}`, 4400);
await refused("a foreign sessionId is refused with 4404",
  `role=browser&sessionId=${enc(input.foreignSessionId)}&token=${enc(input.userToken)}`, 4404);
await refused("a browser without token is refused with 4401", `role=browser&sessionId=${enc(input.sessionId)}`, 4401);

const daemon = connect(`role=daemon&token=${enc(input.daemonKey)}`);
await check("the daemon's socket opens and answers ping with pong", async () => {
  await daemon.opened();
  daemon.send({ type: "ping" });
  await daemon.frame("pong");
});

const browserQuery = `role=browser&sessionId=${enc(input.sessionId)}&token=${enc(input.userToken)}`;
const browser = connect(browserQuery);
await check("a browser is told at once that the daemon is connected", async () => {
  await browser.opened();
  await browser.frame("daemon:connected");
});

await check("the daemon's agent:event and agent:status reach the browser", async () => {
  const event = { type: "agent:event", sessionId: input.sessionId, event: { type: "message", text: "hi" } };
  daemon.send(event);
  expect(await browser.frame("agent:event"), event, "agent:event");
  daemon.send({ type: "agent:status", sessionId: input.sessionId, status: "working" });
  expect((await browser.frame("agent:status")).status, "working", "status");
});

await check("a human:message reaches the daemon", async () => {
  browser.send({ type: "human:message", sessionId: input.sessionId, content: "please add tests" });
  expect(await daemon.frame("human:message"),
    { type: "human:message", sessionId: input.sessionId, content: "please add tests" }, "human:message");
});

await check("request:history goes to the daemon and its answer back to the browser", async () => {
  browser.send({ type: "request:history" });
  const request = await daemon.frame("request:history");
  expect(request.sessionId, input.sessionId, "sessionId");
  daemon.send({ type: "session:history", messages: [{ role: "user", content: "x" }], requestId: request.requestId });
  expect((await browser.frame("session:history")).messages.length, 1, "messages");
});

await check("malformed JSON gets an error frame and the socket stays open", async () => {
  daemon.send("{not json");
  await daemon.frame("error");
  daemon.send({ type: "ping" });
  await daemon.frame("pong");
});

await check("another machine's daemon of the same owner supersedes nobody", async () => {
  const other = connect(`role=daemon&token=${enc(input.otherMachineKey)}`);
  await other.opened();
  other.send({ type: "ping" });
  await other.frame("pong");
  daemon.send({ type: "ping" });
  await daemon.frame("pong");
  other.ws.close(1000, "daemon shutdown");
  await other.closed();
});

await check("a newer socket of the same machine supersedes the older with 4000", async () => {
  const newer = connect(`role=daemon&token=${enc(input.daemonKey)}`);
  await newer.opened();
  expect(await daemon.closed(), { code: 4000, reason: "superseded" }, "close");
  newer.ws.close(1000, "daemon shutdown");
  await browser.frame("daemon:disconnected");
});

await check("an oversized frame closes the socket with 1009", async () => {
  const big = connect(`role=daemon&token=${enc(input.daemonKey)}`);
  await big.opened();
  big.send(JSON.stringify({ type: "agent:event", sessionId: input.sessionId, event: { text: "x".repeat(300 * 1024) } }));
  expect((await big.closed()).code, 1009, "close code");
});

// A close the client starts must end in a close event too (its code is Node's business).
await check("a browser's own close ends with a close event", async () => {
  browser.ws.close(1000, "done");
  await browser.closed();
});

if (failures.length > 0) {
  console.log(`${failures.length} relay case(s) failed`);
  process.exit(1);
}
console.log("all relay cases held");
