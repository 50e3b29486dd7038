/**
 * "Your commands": what the user did, in time order, each with its time (a button that goes there)
 * and a button that removes it (the run is replayed without it). Written as text, never as HTML.
 */
import { formatClock } from './formatClock';
import { describeCommand, type LabCommand, type Orchestrator } from './session';

export function renderCommandList(
  list: HTMLOListElement,
  empty: HTMLElement,
  commands: readonly LabCommand[],
  orchestrator: Orchestrator,
  on: { go: (t: number) => void; remove: (index: number) => void },
): void {
  const items = commands.map((c, i) => {
    const li = document.createElement('li');
    const time = document.createElement('button');
    time.type = 'button';
    time.className = 'command-time';
    time.textContent = formatClock(c.at);
    time.title = 'Go to this moment';
    time.addEventListener('click', () => on.go(c.at));
    const what = document.createElement('span');
    what.textContent = describeCommand(c, orchestrator);
    const undo = document.createElement('button');
    undo.type = 'button';
    undo.className = 'command-undo';
    undo.textContent = '✕';
    undo.title = 'Remove this command (the run is replayed without it)';
    undo.setAttribute('aria-label', `Remove: ${describeCommand(c, orchestrator)}`);
    undo.addEventListener('click', () => on.remove(i));
    li.append(time, what, undo);
    return li;
  });
  list.replaceChildren(...items);
  empty.hidden = items.length > 0;
}
