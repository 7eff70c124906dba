// Copy a citation (or any text marked data-copy) to the clipboard, and say so.
for (const button of document.querySelectorAll("button.gs-copy[data-copy]")) {
  button.addEventListener("click", async () => {
    const text = document.getElementById(button.dataset.copy).textContent.trim();
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = "已复制";
    } catch {
      const range = document.createRange(); // clipboard blocked: select it for Ctrl+C
      range.selectNodeContents(document.getElementById(button.dataset.copy));
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      button.textContent = "已选中，请按 Ctrl+C";
    }
    setTimeout(() => (button.textContent = "复制"), 3000);
  });
}
