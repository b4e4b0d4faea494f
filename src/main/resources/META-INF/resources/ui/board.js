// Live board: the board stream says which task changed; the columns are then re-rendered by the
// server (as the stream's contract intends: "clients refetch the board"). Events are coalesced,
// and the ones the first paint already showed are skipped.
const root = document.getElementById("columns");

// the newest action already on screen; older ones (the stream's replay window) change nothing
let since = root.dataset.since;
let opened = 0;
let timer = null;
const changed = new Set();

async function refresh() {
  timer = null;
  const response = await fetch(root.dataset.refresh, { credentials: "same-origin" });
  if (!response.ok) return;
  root.innerHTML = await response.text();
  for (const id of changed) {
    root.querySelector(`[data-task="${CSS.escape(id)}"]`)?.classList.add("fresh");
  }
  changed.clear();
  setTimeout(() => root.querySelectorAll(".fresh").forEach((c) => c.classList.remove("fresh")), 2500);
  root.dispatchEvent(new CustomEvent("board:refreshed", { bubbles: true }));
}

const stream = new EventSource(root.dataset.stream, { withCredentials: true });
stream.addEventListener("board_note", (event) => {
  const action = JSON.parse(event.data);
  if (action.created_at <= since) return;
  since = action.created_at;
  changed.add(action.task_id);
  if (!timer) timer = setTimeout(refresh, 120);
});
stream.addEventListener("open", () => {
  // a reconnect may have missed actions older than the replay window: re-render once
  if (opened++ > 0 && !timer) timer = setTimeout(refresh, 120);
});
