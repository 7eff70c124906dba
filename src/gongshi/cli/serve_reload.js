// The staff preview (scripts/serve), not the published site: a notice at the top of every page, and the
// page reloads when the data it shows has changed. The server says what changed at /__preview__/state.
(function () {
  "use strict";
  var seen = null;
  var bar = document.createElement("div");
  bar.setAttribute("role", "status");
  bar.style.cssText = "position:relative;z-index:1000;padding:.4em .8em;font-size:16px;line-height:1.5;" +
    "background:#fff3cd;color:#3d2c00;border-bottom:1px solid #c9a400";
  bar.textContent = "本地预览：保存数据文件后页面会自动更新；搜索、订阅和开放数据文件仍是启动预览时的内容。";
  document.body.insertBefore(bar, document.body.firstChild);

  function show(state) {
    if (state.errors) {
      bar.style.background = "#fde2e1";
      bar.style.color = "#5c0a06";
      bar.textContent = "数据有 " + state.errors + " 处错误，页面未更新：请看运行 scripts/serve 的终端窗口。" +
        (state.first ? "（" + state.first + "）" : "");
    }
  }

  function poll() {
    fetch("/__preview__/state", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (state) {
        if (seen !== null && state.generation !== seen) {
          location.reload();
          return;
        }
        seen = state.generation;
        show(state);
        setTimeout(poll, 250);
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  poll();
})();
