// Lets a browser test bring its page to the front (`executeServerCommand('page:bring-to-front')`).
// The runner keeps two test pages open; a page in the background renders no frames, so layout
// shifts (measured per frame) could not be observed there.
export function pageCommandsPlugin() {
  return {
    name: 'statuskit-page-commands',
    async executeCommand({ command, session }) {
      if (command !== 'page:bring-to-front') return undefined;
      await session.browser.getPage(session.id).bringToFront();
      return true;
    },
  };
}
