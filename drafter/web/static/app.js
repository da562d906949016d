// drafter serve: Esc closes the real pages; nothing else here (the pages work through htmx).
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  const close = document.querySelector("#real-pages .real-head button");
  if (close) close.click();
});
