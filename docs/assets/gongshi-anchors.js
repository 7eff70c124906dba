// Anchor links ("#" beside a section heading, a measure or a progress entry): a click still goes to
// that place (the address bar shows it, and CSS highlights it as :target), and also copies its full
// address, so it can be pasted into a message. Screen readers hear "已复制本条链接" from a polite live
// region, which sighted readers see as a short note at the bottom of the screen.
// Without JavaScript the links only go to their place.

const COPIED = "已复制本条链接";
const FAILED = "未能自动复制，请从地址栏复制本条链接";

const links = document.querySelectorAll("a.gs-anchor");
let status = null; // the live region
let clearing = 0;

if (links.length) {
  // In the page from the start: a live region added at the moment it speaks is not always heard.
  status = document.createElement("div");
  status.className = "gs-toast";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  document.body.append(status);
  for (const link of links) link.title = "复制本条链接";
}

function say(text) {
  status.textContent = "";
  // Set a moment later: the same words twice in a row are announced again.
  setTimeout(() => (status.textContent = text), 50);
  clearTimeout(clearing);
  clearing = setTimeout(() => (status.textContent = ""), 4000);
}

// A page served over plain http has no navigator.clipboard: copy the old way, from a selection.
function copyBySelection(text) {
  const focused = document.activeElement;
  const field = document.createElement("textarea");
  field.value = text;
  field.setAttribute("readonly", "");
  field.setAttribute("aria-hidden", "true");
  field.className = "gs-copy-field";
  document.body.append(field);
  field.focus({ preventScroll: true });
  field.select();
  let done = false;
  try {
    done = document.execCommand("copy");
  } catch {
    done = false;
  }
  field.remove();
  if (focused instanceof HTMLElement) focused.focus({ preventScroll: true }); // keyboard users stay where they were
  return done;
}

async function copy(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // refused (no permission): try the old way
    }
  }
  return copyBySelection(text);
}

document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest("a.gs-anchor");
  // A click with a modifier (open in a new tab or window) is the browser's.
  if (!link || !status || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  // The link's own address is the page's address and its #place: the full address to share.
  const address = link.href;
  // Not prevented: the browser goes to the place (address bar, :target, history) as without JavaScript.
  copy(address).then((done) => say(done ? COPIED : FAILED));
});
