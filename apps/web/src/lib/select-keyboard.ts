// Keyboard entry in Ant Design's selects and date pickers, fixed once for every form and filter.
import { i18n } from './i18n.ts';

const CLEAR_BUTTONS = '.ant-select-clear, .ant-picker-clear';

/**
 * - Tab leaves a select. rc-select makes Tab pick the highlighted option (in a multiple select:
 *   toggle it) and keeps the focus, so a clerk tabbing on saved options they never chose.
 *   Enter picks; Tab moves on, as in any other field.
 * - The × clear buttons are not tab stops (they doubled the Tabs of a filled form) and are named
 *   in the UI language (rc-select names them "Clear"). The keyboard clears a single select with
 *   Backspace or Delete instead; a multiple select already removes its last choice with Backspace.
 */
export function installSelectKeyboard(root: Document = document) {
  root.addEventListener(
    'keydown',
    (event) => {
      const target = event.target;
      if (!(target instanceof HTMLElement)) return;
      const select = target.closest('.ant-select');
      if (!select) return;
      if (event.key === 'Tab') {
        // Capture phase on the document: React's handlers (on the root) never see this Tab;
        // the browser still moves the focus, and the select closes on blur.
        event.stopPropagation();
        return;
      }
      const isEmptySearch = target instanceof HTMLInputElement && target.value === '';
      if ((event.key === 'Backspace' || event.key === 'Delete') && isEmptySearch && !select.classList.contains('ant-select-multiple')) {
        select.querySelector<HTMLElement>('.ant-select-clear')?.click();
      }
    },
    { capture: true },
  );

  const quiet = (button: Element) => {
    button.setAttribute('tabindex', '-1');
    button.setAttribute('aria-label', i18n.t('common.clear'));
  };
  const quietAll = (node: ParentNode) => node.querySelectorAll(CLEAR_BUTTONS).forEach(quiet);
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      for (const node of mutation.addedNodes) {
        if (!(node instanceof Element)) continue;
        if (node.matches(CLEAR_BUTTONS)) quiet(node);
        else quietAll(node);
      }
    }
  }).observe(root.body, { childList: true, subtree: true });
  i18n.on('languageChanged', () => quietAll(root));
}
