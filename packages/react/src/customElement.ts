import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import type { Root } from 'react-dom/client';
import { fieldsToSchema, formatIssue, schemaToFieldsWithRoot, SCHEMA_DRAFTS } from '@fieldkit/core';
import type { FieldList, Issue, JSONSchemaObject, SchemaDraft } from '@fieldkit/core';
import { SchemaDesigner } from './SchemaDesigner.js';
import { injectFieldkitStyles } from './styles.js';
import type { Theme } from './styles.js';

/** Detail of the `change` event of `<fieldkit-designer>`. */
export interface FieldkitDesignerChangeDetail {
  schema: JSONSchemaObject;
  fields: FieldList;
}

/** Detail of the `fieldkit-error` event: a `schema` that could not be read. */
export interface FieldkitDesignerErrorDetail {
  issues: Issue[];
}

/** The element's public surface (properties mirror the attributes). */
export interface FieldkitDesignerElement extends HTMLElement {
  /** The schema being designed; set it (object or JSON text) to load one. Reading gives the edited schema. */
  schema: JSONSchemaObject;
  /** The field list being designed. */
  fields: FieldList;
  /** Key-check issues to show on the rows. */
  issues: Issue[];
  theme: Theme;
}

/** Default tag name of {@link defineFieldkitDesigner}. */
export const DEFAULT_FIELDKIT_DESIGNER_TAG = 'fieldkit-designer';

function draftOf(schema: JSONSchemaObject): SchemaDraft {
  return schema.$schema === SCHEMA_DRAFTS['draft-07'] ? 'draft-07' : '2020-12';
}

/**
 * Register `<fieldkit-designer>` (or `tagName`): a framework-free custom element rendering
 * {@link SchemaDesigner} into its shadow root with the scoped styles.
 *
 * - attributes: `schema` (JSON text), `theme` (`light` | `dark` | `auto`), `height` (px), `readonly`
 * - properties: `schema` (object), `fields`, `issues`, `theme`
 * - events: `change` (detail `{ schema, fields }`) after every edit; `fieldkit-error`
 *   (detail `{ issues }`) when a `schema` can't be read.
 *
 * Safe to call more than once; returns the element class.
 */
export function defineFieldkitDesigner(tagName: string = DEFAULT_FIELDKIT_DESIGNER_TAG): CustomElementConstructor {
  const existing = customElements.get(tagName);
  if (existing) return existing;

  class Designer extends HTMLElement implements FieldkitDesignerElement {
    static observedAttributes = ['schema', 'theme', 'height', 'readonly'];
    #root: Root | null = null;
    #mount: HTMLDivElement | null = null;
    #fields: FieldList = [];
    /** Root keywords a field list can't hold ($id, description, $defs…), written back unchanged. */
    #rootKeywords: JSONSchemaObject = {};
    #draft: SchemaDraft = '2020-12';
    #issues: Issue[] = [];
    #theme: Theme = 'auto';
    #unmountTimer: ReturnType<typeof setTimeout> | undefined;

    get schema(): JSONSchemaObject {
      return fieldsToSchema(this.#fields, { draft: this.#draft, root: this.#rootKeywords });
    }
    set schema(value: JSONSchemaObject | string) {
      this.#load(value);
    }
    get fields(): FieldList {
      return this.#fields;
    }
    set fields(value: FieldList) {
      this.#fields = Array.isArray(value) ? value : [];
      this.#render();
    }
    get issues(): Issue[] {
      return this.#issues;
    }
    set issues(value: Issue[]) {
      this.#issues = Array.isArray(value) ? value : [];
      this.#render();
    }
    get theme(): Theme {
      return this.#theme;
    }
    set theme(value: Theme) {
      this.#theme = value === 'light' || value === 'dark' ? value : 'auto';
      this.#render();
    }

    connectedCallback(): void {
      clearTimeout(this.#unmountTimer);
      // Properties set before the element was defined sit on the instance and hide the accessors:
      // take them and re-set them through the class (the "lazy properties" upgrade pattern).
      for (const prop of ['schema', 'fields', 'issues', 'theme'] as const) {
        if (Object.prototype.hasOwnProperty.call(this, prop)) {
          const value = (this as unknown as Record<string, unknown>)[prop];
          delete (this as unknown as Record<string, unknown>)[prop];
          (this as unknown as Record<string, unknown>)[prop] = value;
        }
      }
      if (!this.#root) {
        const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
        injectFieldkitStyles(shadow);
        this.#mount = document.createElement('div');
        shadow.appendChild(this.#mount);
        this.#root = createRoot(this.#mount);
      }
      this.#render();
    }

    disconnectedCallback(): void {
      // Deferred: moving the element in the DOM disconnects and reconnects it at once.
      this.#unmountTimer = setTimeout(() => {
        this.#root?.unmount();
        this.#root = null;
        this.#mount?.remove();
        this.#mount = null;
      }, 0);
    }

    attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
      if (name === 'schema' && value !== null) this.#load(value);
      else if (name === 'theme') this.theme = (value ?? 'auto') as Theme;
      else this.#render();
    }

    #load(value: JSONSchemaObject | string): void {
      let schema: unknown = value;
      if (typeof value === 'string') {
        try {
          schema = JSON.parse(value) as unknown;
        } catch (e) {
          this.#fail([{ code: 'fields/schema-json', severity: 'error', message: `The schema attribute is not JSON: ${e instanceof Error ? e.message : String(e)}`, path: [] }]);
          return;
        }
      }
      const r = schemaToFieldsWithRoot(schema as JSONSchemaObject);
      if (!r.ok) {
        this.#fail(r.issues);
        return;
      }
      this.#draft = draftOf(schema as JSONSchemaObject);
      this.#rootKeywords = r.value.root;
      this.#fields = r.value.fields;
      this.#render();
    }

    #fail(issues: Issue[]): void {
      this.dispatchEvent(new CustomEvent<FieldkitDesignerErrorDetail>('fieldkit-error', { detail: { issues }, bubbles: true, composed: true }));
      if (typeof console !== 'undefined') console.warn(`<${tagName}>: ${issues.map(formatIssue).join('; ')}`);
    }

    #onChange = (fields: FieldList): void => {
      this.#fields = fields;
      this.#render();
      const detail: FieldkitDesignerChangeDetail = { schema: this.schema, fields };
      this.dispatchEvent(new CustomEvent<FieldkitDesignerChangeDetail>('change', { detail, bubbles: true, composed: true }));
    };

    #render(): void {
      if (!this.#root) return;
      const height = Number(this.getAttribute('height'));
      this.#root.render(
        createElement(SchemaDesigner, {
          value: this.#fields,
          onChange: this.#onChange,
          issues: this.#issues,
          theme: this.#theme,
          height: Number.isFinite(height) && height > 0 ? height : undefined,
          readOnly: this.hasAttribute('readonly'),
        }),
      );
    }
  }

  customElements.define(tagName, Designer);
  return Designer;
}
