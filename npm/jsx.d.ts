// `<banana-studio>` in React's TSX: `import type {} from 'banana-studio/jsx'` once in the app (or list
// `banana-studio/jsx` in tsconfig's `types`). Listen to its events through a ref (see the README).
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { BananaStudioAttributes, BananaStudioElement } from 'banana-studio';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'banana-studio': DetailedHTMLProps<HTMLAttributes<BananaStudioElement>, BananaStudioElement> & BananaStudioAttributes;
    }
  }
}
