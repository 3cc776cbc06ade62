/**
 * `@fieldkit/react/element` (and the stand-alone `dist/element.js` bundle): registers `<fieldkit-designer>` on import.
 * Re-exports `defineFieldkitDesigner` for hosts that want another tag name.
 */
import { defineFieldkitDesigner } from './customElement.js';

export { defineFieldkitDesigner };
export type { FieldkitDesignerChangeDetail, FieldkitDesignerElement, FieldkitDesignerErrorDetail } from './customElement.js';

if (typeof customElements !== 'undefined') defineFieldkitDesigner();
