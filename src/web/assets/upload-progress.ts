/**
 * The upload page's own script (the operator's desk, issue 17): enhancement only — without it the
 * form posts the file as a plain multipart form. With it: a drop zone that fills the file input,
 * and a progress bar fed by htmx's upload progress events while the form is sent by htmx (the
 * form's hx-post); a 409/422 answer (a file that cannot be read, a preview that expired) is shown
 * as the page it is. Served by the app (src/web/operator/index.tsx) under a URL carrying a hash of
 * this text, so it is cached for good; a module rather than a file so the Worker carries it too.
 * No inline script anywhere: the pages' Content-Security-Policy allows scripts of this origin only.
 */
export const uploadScript = `(function () {
  'use strict';
  function ready(fn) { if (document.readyState !== 'loading') fn(); else document.addEventListener('DOMContentLoaded', fn); }
  ready(function () {
    var form = document.querySelector('form[data-upload]');
    if (!form) return;
    var input = form.querySelector('input[type=file]');
    var zone = form.querySelector('[data-drop-zone]');
    var chosen = form.querySelector('[data-chosen-file]');
    var wrap = form.querySelector('[data-progress]');
    var bar = wrap && wrap.querySelector('progress');
    if (zone && input) {
      zone.hidden = false;
      zone.addEventListener('dragover', function (e) { e.preventDefault(); zone.classList.add('dragging'); });
      zone.addEventListener('dragleave', function () { zone.classList.remove('dragging'); });
      zone.addEventListener('drop', function (e) {
        e.preventDefault();
        zone.classList.remove('dragging');
        if (e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files.length > 0) {
          input.files = e.dataTransfer.files;
          if (chosen) chosen.textContent = input.files[0].name;
        }
      });
      input.addEventListener('change', function () { if (chosen) chosen.textContent = input.files && input.files[0] ? input.files[0].name : ''; });
    }
    form.addEventListener('htmx:beforeRequest', function () {
      if (wrap && bar) { wrap.hidden = false; bar.value = 0; bar.removeAttribute('aria-valuetext'); }
    });
    form.addEventListener('htmx:xhr:progress', function (e) {
      var d = e.detail;
      if (bar && d && d.lengthComputable && d.total > 0) {
        bar.max = d.total;
        bar.value = d.loaded;
        bar.setAttribute('aria-valuetext', Math.round((100 * d.loaded) / d.total) + ' %');
      }
    });
    document.body.addEventListener('htmx:beforeSwap', function (e) {
      var status = e.detail && e.detail.xhr ? e.detail.xhr.status : 0;
      if (status === 409 || status === 413 || status === 422) { e.detail.shouldSwap = true; e.detail.isError = false; }
    });
  });
})();
`;

/** FNV-1a of the text, in hex: the script's URL changes with its content. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export const uploadScriptPath = `/operator/assets/upload-${fnv1a(uploadScript)}.js`;
