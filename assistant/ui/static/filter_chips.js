// The × of a chip clicks the hidden clear button of its filter (#clear-<field>, #clear-all).
element.addEventListener('click', (e) => {
  const x = e.target.closest('.fchip-x');
  if (!x) return;
  const btn = document.getElementById(`clear-${x.dataset.field}`);
  if (btn) btn.click();
});
