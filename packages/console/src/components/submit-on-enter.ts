/**
 * A keydown handler for one-line fields inside a component's shadow root: Enter submits the form
 * around the component, as it would if the field were the form's own (implicit submission does
 * not cross the shadow boundary by itself).
 */
export function submitOnEnter(host: Element): (event: KeyboardEvent) => void {
  return (event) => {
    if (event.key !== 'Enter' || event.isComposing) return;
    const form = host.closest('form');
    if (!form) return;
    event.preventDefault();
    form.requestSubmit();
  };
}
