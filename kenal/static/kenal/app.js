/* Kenal on a phone: register the service worker, say when a page is read offline, refuse writes offline,
   and empty the page cache when nobody is logged in. The Content-Security-Policy allows no inline
   handlers, so small behaviours hang on data- attributes here: data-confirm, data-copy, data-select. */
(function () {
  const root = document.documentElement;
  const body = document.body;
  if ("serviceWorker" in navigator && body.dataset.serviceWorker) {
    navigator.serviceWorker.register(body.dataset.serviceWorker, { scope: "/" }).catch(() => {});
  }

  function forgetPages() {
    if (window.caches) caches.delete("kenal-pages");
    if (navigator.serviceWorker && navigator.serviceWorker.controller) navigator.serviceWorker.controller.postMessage("logged-out");
  }
  if (body.dataset.loggedOut !== undefined) forgetPages();
  document.addEventListener("submit", (event) => {
    if (event.target.matches("form.logout")) forgetPages();
  }, true);

  const note = document.getElementById("offline-note");
  const since = root.dataset.offlineSince;
  if (note && since) {
    const time = new Date(since).toLocaleTimeString(root.lang === "id" ? "id-ID" : "en-GB", { hour: "2-digit", minute: "2-digit" });
    note.textContent = note.dataset.template.replace("%(time)s", time);
    note.hidden = false;
  }

  function refuse(event) {
    if (navigator.onLine && !since) return false;
    event.preventDefault();
    event.stopImmediatePropagation();
    const message = document.getElementById("offline-refused");
    if (message) { message.hidden = false; message.scrollIntoView({ block: "nearest" }); }
    return true;
  }
  document.addEventListener("submit", (event) => {
    if ((event.target.method || "get").toLowerCase() === "post" && !event.target.matches("form.logout")) refuse(event);
  }, true);
  document.addEventListener("htmx:beforeRequest", (event) => {
    const verb = (event.detail.requestConfig && event.detail.requestConfig.verb) || "get";
    if (verb !== "get") refuse(event);
  });
  // A refusal (400) inside a part that shows its own errors is swapped in, never swallowed.
  document.addEventListener("htmx:beforeSwap", (event) => {
    const target = event.detail.target;
    if (event.detail.xhr.status === 400 && target && target.closest("[data-show-refusals]")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  document.addEventListener("htmx:sendError", () => {
    const message = document.getElementById("offline-refused");
    if (message) message.hidden = false;
  });

  document.addEventListener("submit", (event) => {
    const question = event.target.dataset && event.target.dataset.confirm;
    if (question && !window.confirm(question)) { event.preventDefault(); event.stopImmediatePropagation(); }
  }, true);
  document.addEventListener("click", (event) => {
    const copy = event.target.closest("[data-copy]");
    if (copy) {
      const source = document.getElementById(copy.dataset.copy);
      if (source && navigator.clipboard) navigator.clipboard.writeText(source.textContent);
    }
    if (event.target.matches("[data-select]")) event.target.select();
  });
})();
