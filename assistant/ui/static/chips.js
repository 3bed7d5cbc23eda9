// Chips live in the conversation HTML; one delegated listener survives every re-render.
// After the jump to a source card a "back to answer" button brings the reader back to the chip.
let back = document.getElementById('back-to-answer');
if (!back) {
  back = document.createElement('button');
  back.id = 'back-to-answer';
  back.type = 'button';
  back.hidden = true;
  document.body.appendChild(back);
}
const backLabel = () => (document.documentElement.lang || 'nl').startsWith('en') ? '↑ back to answer' : '↑ terug naar antwoord';
let lastChip = null;
back.onclick = () => {
  if (lastChip && lastChip.isConnected) lastChip.scrollIntoView({behavior: 'smooth', block: 'center'});
  else document.getElementById('conversation')?.scrollIntoView({block: 'start'});
  back.hidden = true;
};
const go = (chip) => {
  const id = chip.dataset.turn !== undefined ? `src-${chip.dataset.turn}-${chip.dataset.n}` : `source-${chip.dataset.n}`;
  const card = document.getElementById(id);
  if (!card) return;
  const det = card.closest('details'); if (det) det.open = true;
  document.querySelectorAll('.source.flash').forEach(c => c.classList.remove('flash'));
  card.classList.add('flash');
  // The way back is offered when the jump leaves the answer (stacked columns on a phone).
  const r = card.getBoundingClientRect();
  const far = r.top < 0 || r.bottom > window.innerHeight;
  card.scrollIntoView({behavior: 'smooth', block: 'center'});
  lastChip = chip;
  back.textContent = backLabel();
  back.hidden = !far;
};
element.addEventListener('click', (e) => { const c = e.target.closest('sup.cite'); if (c) go(c); });
element.addEventListener('keydown', (e) => { const c = e.target.closest('sup.cite'); if (c && e.key === 'Enter') go(c); });
