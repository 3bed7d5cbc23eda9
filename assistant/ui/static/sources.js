const reveal = () => element.querySelectorAll('.source-text').forEach((t) => {
  const m = t.querySelector('mark');
  if (!m || t.dataset.revealed || m.offsetParent === null) return;
  t.scrollTop = Math.max(0, m.offsetTop - 8);
  t.dataset.revealed = '1';
});
new MutationObserver(reveal).observe(element, {childList: true, subtree: true});
element.addEventListener('toggle', reveal, true);
reveal();
