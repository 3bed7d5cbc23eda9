// The conversation is a scroll box: on every re-render the newest turn's question is
// scrolled to the top of the box (its answer below it), however long the conversation.
// The sources panel follows the answer in view: when the reader scrolls back to an older
// answer, its turn's sources open (desktop, where both columns are side by side).
const scrollNewest = () => {
  const box = element.querySelector('.conv');
  if (!box) return;
  const turns = box.querySelectorAll('.turn');
  const last = turns[turns.length - 1];
  if (!last) return;
  const key = `${turns.length}:${last.classList.contains('pending-turn')}`;
  if (box.dataset.scrolled === key) return;
  box.dataset.scrolled = key;
  if (box.scrollHeight > box.clientHeight + 2) {  // desktop: the conversation scrolls in its box
    box.scrollTop = Math.max(0, last.offsetTop - 6);  // .conv is position:relative
  } else {  // phone: the page scrolls; bring the newest question to the top of the screen
    last.querySelector('.q')?.scrollIntoView({block: 'start'});
  }
};
let current = null;
const followSources = () => {
  const box = element.querySelector('.conv');
  if (!box || window.innerWidth < 800) return;
  const mid = box.getBoundingClientRect().top + box.clientHeight / 3;
  let inView = null;
  box.querySelectorAll('.turn:not(.pending-turn)').forEach((t) => { if (t.getBoundingClientRect().top <= mid) inView = t; });
  const done = box.querySelectorAll('.turn:not(.pending-turn)');
  if (box.scrollTop + box.clientHeight >= box.scrollHeight - 4) inView = done[done.length - 1];  // at the end: the newest
  inView = inView || box.querySelector('.turn');
  if (!inView || inView.dataset.turn === current) return;
  current = inView.dataset.turn;
  const det = document.getElementById(`turn-${current}`);
  if (!det) return;
  document.querySelectorAll('details.turn-sources.in-view').forEach((d) => d.classList.remove('in-view'));
  det.open = true;
  det.classList.add('in-view');
  const panel = document.getElementById('sources');
  if (panel) panel.scrollTop += det.getBoundingClientRect().top - panel.getBoundingClientRect().top;
};
new MutationObserver(() => { scrollNewest(); current = null; }).observe(element, {childList: true, subtree: true});
element.addEventListener('scroll', followSources, true);
scrollNewest();
