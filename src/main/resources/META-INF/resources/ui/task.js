// Task page: the task stream re-renders the details when the task changes; the live agent panel
// follows the worker's session over the relay socket (role=browser) and can talk to it.

const detail = document.getElementById("detail");
let since = detail.dataset.since;
let timer = null;

async function refresh() {
  timer = null;
  const response = await fetch(detail.dataset.refresh, { credentials: "same-origin" });
  if (response.ok) detail.innerHTML = await response.text();
}

const stream = new EventSource(detail.dataset.stream, { withCredentials: true });
for (const type of ["note", "message"]) {
  stream.addEventListener(type, (event) => {
    const item = JSON.parse(event.data);
    if (item.created_at <= since) return;
    since = item.created_at;
    if (!timer) timer = setTimeout(refresh, 120);
  });
}

const live = document.getElementById("live");
const sessionId = live.dataset.session;
if (sessionId) follow(sessionId);

function follow(sessionId) {
  const log = document.getElementById("agent-log");
  const dot = document.getElementById("daemon-dot");
  const state = document.getElementById("daemon-state");
  const status = document.getElementById("agent-status");
  const form = document.getElementById("human-form");
  let socket = null;
  let retry = 1000;

  const line = (cls, text) => {
    const el = document.createElement("div");
    if (cls) el.className = cls;
    el.textContent = text;
    const atEnd = log.scrollTop + log.clientHeight >= log.scrollHeight - 8;
    log.append(el);
    if (atEnd) log.scrollTop = log.scrollHeight;
  };

  const short = (value, max = 400) => {
    const text = typeof value === "string" ? value : JSON.stringify(value);
    return text && text.length > max ? `${text.slice(0, max)}…` : text || "";
  };

  // relay blocks, and the runtime's own transcript blocks that history replies carry
  const block = (b) => {
    if (!b) return;
    if (b.type === "text") line("", b.text);
    else if (b.type === "thinking") line("think", b.text ?? b.thinking);
    else if (b.type === "tool_use") line("tool", `⚙ ${b.name} ${short(b.input, 200)}`);
    else if (b.type === "tool_result") line(b.error || b.is_error ? "err" : "", `↳ ${short(b.output ?? b.content)}`);
  };

  const event = (e) => {
    switch (e?.type) {
      case "block.done":
        return block(e.block);
      case "message":
        return (e.blocks || []).forEach(block);
      case "message.user":
        return line("human", `you: ${e.text}`);
      case "turn.start":
        return line("sep", "turn started");
      case "turn.end":
        return line("sep", `turn ended${e.cost ? ` · $${Number(e.cost).toFixed(4)}` : ""}`);
      case "turn.error":
        return line("err", `error: ${e.detail || e.code || ""}`);
      case "turn.rate_limit":
        return line("err", `rate limit ${e.status}${e.resetAt ? ` until ${e.resetAt}` : ""}`);
      case "subtask.start":
        return line("tool", `▸ subtask ${e.description || e.tool_use_id}`);
      case "subtask.end":
        return line("tool", `◂ subtask ${e.status}${e.summary ? `: ${e.summary}` : ""}`);
      case "user":
      case "assistant": {
        const content = e.message?.content;
        if (typeof content === "string") return line(e.type === "user" ? "human" : "", content);
        return (content || []).forEach(block);
      }
      case "block.start":
      case "subtask.progress":
        return;
      default:
        return line("", short(e));
    }
  };

  const connected = (on) => {
    dot.classList.toggle("on", on);
    state.textContent = on ? "daemon connected" : "daemon not connected";
  };

  const open = () => {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    socket = new WebSocket(`${scheme}//${location.host}/api/tunnel/ws?role=browser&sessionId=${encodeURIComponent(sessionId)}`);
    socket.addEventListener("open", () => {
      retry = 1000;
      socket.send(JSON.stringify({ type: "request:history", sessionId }));
    });
    socket.addEventListener("message", (m) => {
      let frame;
      try {
        frame = JSON.parse(m.data);
      } catch {
        return;
      }
      if (frame.type === "daemon:connected") connected(true);
      else if (frame.type === "daemon:disconnected") connected(false);
      else if (frame.type === "agent:status") status.textContent = frame.status;
      else if (frame.type === "agent:event") event(frame.event);
      else if (frame.type === "session:history") {
        log.replaceChildren();
        (frame.messages || []).forEach(event);
      }
    });
    socket.addEventListener("close", (c) => {
      connected(false);
      if (c.code >= 4400 && c.code < 4500) {
        state.textContent = `relay refused: ${c.reason || c.code}`;
        return;
      }
      setTimeout(open, retry);
      retry = Math.min(retry * 2, 30000);
    });
  };
  open();

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const text = form.content.value.trim();
    const error = form.querySelector(".form-error");
    error.textContent = "";
    if (!text) return;
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      error.textContent = "Not connected to the relay; try again in a moment.";
      return;
    }
    socket.send(JSON.stringify({ type: "human:message", sessionId, content: text }));
    line("human", `you: ${text}`);
    form.reset();
  });
}

