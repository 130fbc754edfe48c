// Copy buttons for secrets and tokens: a <button data-copy-target="ID" hidden> copies the text of the
// element with that id. The page renders the buttons hidden, so without this script (or without the
// Clipboard API, which needs a secure context) nothing shows that cannot work; the text stays selectable.
for (const button of document.querySelectorAll("button[data-copy-target]")) {
  if (!navigator.clipboard) continue;
  const label = button.textContent;
  let timer;
  button.hidden = false;
  button.addEventListener("click", async () => {
    const target = document.getElementById(button.dataset.copyTarget);
    if (!target) return;
    try {
      await navigator.clipboard.writeText(target.textContent.trim());
      button.textContent = "Copied";
      button.dataset.state = "copied";
    } catch {
      button.textContent = "Copy failed: select the text";
      button.dataset.state = "failed";
    }
    clearTimeout(timer);
    timer = setTimeout(() => {
      button.textContent = label;
      delete button.dataset.state;
    }, 3000);
  });
}
