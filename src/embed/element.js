// The <banana-studio> custom element. Its shadow root holds the studio's stylesheet and the Leptos app
// (mounted by Rust through `mount`); attributes go to Rust as they change; results and errors leave as
// DOM events on the element.
const FORWARDED = ['provider', 'base-url', 'model'];

export function defineElement(mount, cssUrl) {
  if (customElements.get('banana-studio')) return;
  customElements.define('banana-studio', class BananaStudioElement extends HTMLElement {
    static get observedAttributes() { return [...FORWARDED, 'theme']; }

    connectedCallback() {
      if (this.studio) return;
      const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      root.replaceChildren();
      if (cssUrl) {
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = cssUrl;
        root.append(link);
      }
      this.container = document.createElement('div');
      this.container.className = 'banana-root';
      root.append(this.container);
      this.applyTheme();
      const [provider, baseUrl, model] = FORWARDED.map((name) => this.getAttribute(name));
      this.studio = mount(this, this.container, provider, baseUrl, model);
    }

    // Moved within the page (disconnected, then connected again at once), the studio stays as it is;
    // removed, it is unmounted: whatever it had in flight is cancelled and its memory freed.
    disconnectedCallback() {
      queueMicrotask(() => {
        if (this.isConnected || !this.studio) return;
        this.studio.free();
        this.studio = null;
      });
    }

    attributeChangedCallback(name, _old, value) {
      if (name === 'theme') this.applyTheme();
      else this.studio?.set(name, value);
    }

    /** `theme="light"` or `"dark"` fixes the theme; anything else follows the system. */
    applyTheme() {
      if (!this.container) return;
      const theme = this.getAttribute('theme');
      if (theme === 'light' || theme === 'dark') this.container.dataset.theme = theme;
      else delete this.container.dataset.theme;
    }
  });
}

/** Fires `type` on `el` with `detail`; `generate` bubbles, `error` does not (as native error events). */
export function dispatch(el, type, detail) {
  el.dispatchEvent(new CustomEvent(type, { detail, bubbles: type !== 'error', composed: true }));
}
