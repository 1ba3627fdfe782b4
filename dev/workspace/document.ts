// In-memory Google Docs behind a DocumentApp fake. A document is a Drive file (mime type
// application/vnd.google-apps.document) whose content is its body as JSON paragraphs, so Drive
// decides who may open or change it and File.makeCopy copies its text with it.
//
// Behaviour follows developers.google.com/apps-script/reference/document:
// - DocumentApp.create(name): "Creates and returns a new document" in the user's My Drive.
// - DocumentApp.openById(id): "Returns the document with the specified ID. If the script is
//   container-bound to the document, use getActiveDocument() instead." An id the user cannot
//   open fails (we say it as Drive does); a user with view access can read it but not change it.
// - Body.replaceText(searchPattern, replacement): "Replaces all occurrences of a given text
//   pattern with a given replacement string, using regular expressions. The search pattern is
//   passed as a string, not a JavaScript regular expression object" (Google's RE2: no lookaround
//   or backreferences in the pattern, which this fake refuses too). "The provided regular
//   expression pattern is independently matched against each text block contained in the current
//   element": a match never spans two paragraphs.
// - Document.saveAndClose(): "Saves the current Document. Causes pending updates to be flushed
//   and applied. [...] A closed Document can't be edited." Our edits apply at once; a closed
//   document refuses every further call.
// - DocumentApp needs the scope https://www.googleapis.com/auth/documents: Drive's scope does not
//   open documents. A manifest that lists its oauthScopes gets only those.
import type { Workspace } from './core';
import { ACCESS_LEVEL, GOOGLE_MIME, type DriveFiles } from './drive';

export const DOCUMENTS_SCOPE = 'https://www.googleapis.com/auth/documents';

const HEADINGS = {
  NORMAL: 'NORMAL',
  HEADING1: 'HEADING1',
  HEADING2: 'HEADING2',
  HEADING3: 'HEADING3',
  TITLE: 'TITLE',
  SUBTITLE: 'SUBTITLE',
} as const;
type Heading = keyof typeof HEADINGS;

export interface DocParagraph {
  text: string;
  heading: Heading;
  /** A table in the body (Body.appendTable): its cells' text, row by row. */
  table?: string[][];
  /** An image in the body (Body.appendImage): its type and bytes (base64). */
  image?: { contentType: string; base64: string; width?: number };
}

/** The body of a document as kept in its Drive file's content. */
export function readDocument(content: string | null): DocParagraph[] {
  if (!content) return [];
  try {
    const parsed = JSON.parse(content) as { paragraphs?: DocParagraph[] };
    return Array.isArray(parsed.paragraphs) ? parsed.paragraphs : [];
  } catch {
    return [];
  }
}
const writeDocument = (paragraphs: DocParagraph[]) => JSON.stringify({ paragraphs });

const NOT_FOUND = 'No item with the given ID could be found, or you do not have permission to access it.';
const ACCESS_DENIED = 'Access denied: DocumentApp.';
const CLOSED = 'Document is closed, its contents cannot be updated.';

/** RE2 has no lookaround and no backreferences: such a pattern is "Invalid argument". */
function re2(ws: Workspace, pattern: string): RegExp {
  if (/\(\?[=!<]|\\[1-9]/.test(pattern)) throw ws.error(`Invalid argument: searchPattern`);
  try {
    return new RegExp(pattern, 'g');
  } catch {
    throw ws.error(`Invalid argument: searchPattern`);
  }
}

export function createDocumentApp(ws: Workspace, files: DriveFiles, scopes: () => readonly string[]) {
  const call = (method: string) => {
    ws.call('DocumentApp', method);
    ws.requireAuthorization(method, DOCUMENTS_SCOPE);
    const declared = scopes();
    if (declared.length && !declared.includes(DOCUMENTS_SCOPE))
      throw ws.error(
        `You do not have permission to call ${method}. Required permissions: ${DOCUMENTS_SCOPE}`,
      );
  };

  class FakeDocument {
    private open = true;
    constructor(readonly id: string) {}
    /** Counts the call; a closed document refuses everything. */
    use(method: string, edit = false): DocParagraph[] {
      ws.call('DocumentApp', `Document.${method}`);
      if (!this.open) throw ws.error(CLOSED);
      if (!files.exists(this.id)) throw ws.error(NOT_FOUND);
      if (edit && files.level(this.id, ws.effectiveUser()) < ACCESS_LEVEL.EDIT) throw ws.error(ACCESS_DENIED);
      return readDocument(files.content(this.id));
    }
    save(paragraphs: DocParagraph[]): void {
      files.setContent(this.id, writeDocument(paragraphs));
    }
    getId(): string {
      this.use('getId');
      return this.id;
    }
    getName(): string {
      this.use('getName');
      return files.name(this.id);
    }
    getUrl(): string {
      this.use('getUrl');
      return `https://docs.google.com/document/d/${this.id}/edit`;
    }
    getBody(): FakeBody {
      this.use('getBody');
      return new FakeBody(this);
    }
    saveAndClose(): void {
      this.use('saveAndClose');
      this.open = false;
    }
  }

  class FakeParagraph {
    constructor(
      private readonly doc: FakeDocument,
      private readonly index: number,
    ) {}
    getText(): string {
      return this.doc.use('Paragraph.getText')[this.index]?.text ?? '';
    }
    getHeading(): string {
      return this.doc.use('Paragraph.getHeading')[this.index]?.heading ?? 'NORMAL';
    }
    setHeading(heading: string): FakeParagraph {
      const paragraphs = this.doc.use('Paragraph.setHeading', true);
      if (!(String(heading) in HEADINGS)) throw ws.error('Invalid argument: heading');
      if (paragraphs[this.index]) paragraphs[this.index].heading = String(heading) as Heading;
      this.doc.save(paragraphs);
      return this;
    }
  }

  class FakeBody {
    constructor(private readonly doc: FakeDocument) {}
    getText(): string {
      return this.doc
        .use('Body.getText')
        .map((p) => (p.table ? p.table.map((r) => r.join('\t')).join('\n') : p.image ? '[immagine]' : p.text))
        .join('\n');
    }
    /** "Creates and appends a new InlineImage from the specified image blob." PNG, JPEG or GIF only. */
    appendImage(blob: GoogleAppsScript.Base.Blob): {
      setWidth(w: number): unknown;
      setHeight(h: number): unknown;
    } {
      const paragraphs = this.doc.use('Body.appendImage', true);
      const contentType = String(blob?.getContentType?.() ?? '');
      if (!['image/png', 'image/jpeg', 'image/gif'].includes(contentType))
        throw ws.error('Invalid image data.');
      const base64 = Buffer.from(blob.getBytes().map((b) => b & 0xff)).toString('base64');
      paragraphs.push({ text: '', heading: 'NORMAL', image: { contentType, base64 } });
      this.doc.save(paragraphs);
      const index = paragraphs.length - 1;
      const image = {
        setWidth: (w: number) => {
          const current = this.doc.use('InlineImage.setWidth', true);
          const img = current[index]?.image;
          if (img) img.width = Number(w);
          this.doc.save(current);
          return image;
        },
        setHeight: () => image,
      };
      return image;
    }
    /** "Creates and appends a new Table containing a TableCell for each specified string value." */
    appendTable(cells: unknown[][]): { getNumRows(): number } {
      const paragraphs = this.doc.use('Body.appendTable', true);
      if (!Array.isArray(cells) || !cells.every((r) => Array.isArray(r)))
        throw ws.error('Invalid argument: cells');
      const width = Math.max(0, ...cells.map((r) => r.length));
      // Rows shorter than the longest are padded with empty cells, as Docs draws them.
      const table = cells.map((r) => Array.from({ length: width }, (_, i) => String(r[i] ?? '')));
      paragraphs.push({ text: '', heading: 'NORMAL', table });
      this.doc.save(paragraphs);
      return { getNumRows: () => table.length };
    }
    getParagraphs(): FakeParagraph[] {
      return this.doc.use('Body.getParagraphs').map((_, i) => new FakeParagraph(this.doc, i));
    }
    appendParagraph(text: string): FakeParagraph {
      const paragraphs = this.doc.use('Body.appendParagraph', true);
      // A paragraph is one text block: a line break inside it stays in the same paragraph.
      paragraphs.push({ text: String(text), heading: 'NORMAL' });
      this.doc.save(paragraphs);
      return new FakeParagraph(this.doc, paragraphs.length - 1);
    }
    clear(): FakeBody {
      this.doc.use('Body.clear', true);
      this.doc.save([]);
      return this;
    }
    replaceText(searchPattern: string, replacement: string): FakeBody {
      const paragraphs = this.doc.use('Body.replaceText', true);
      const pattern = re2(ws, String(searchPattern));
      // The replacement is literal text here ($ has no meaning in Apps Script's replacement).
      for (const p of paragraphs) {
        p.text = p.text.replace(pattern, () => String(replacement));
        // Each table cell is a text block of its own.
        if (p.table)
          p.table = p.table.map((r) => r.map((c) => c.replace(pattern, () => String(replacement))));
      }
      this.doc.save(paragraphs);
      return this;
    }
  }

  const opened = (id: string): FakeDocument => {
    if (!files.exists(id) || files.mimeType(id) !== GOOGLE_MIME.document) throw ws.error(NOT_FOUND);
    if (files.level(id, ws.effectiveUser()) < ACCESS_LEVEL.VIEW) throw ws.error(NOT_FOUND);
    return new FakeDocument(id);
  };

  return {
    ParagraphHeading: HEADINGS,
    create(name: string): FakeDocument {
      call('DocumentApp.create');
      const id = files.create(String(name), GOOGLE_MIME.document, ws.effectiveUser(), writeDocument([]));
      return new FakeDocument(id);
    },
    openById(id: string): FakeDocument {
      call('DocumentApp.openById');
      return opened(String(id));
    },
    openByUrl(url: string): FakeDocument {
      call('DocumentApp.openByUrl');
      const id = /\/document\/d\/([\w-]+)/.exec(String(url))?.[1];
      if (!id) throw ws.error('Invalid argument: url');
      return opened(id);
    },
  };
}
export type DocumentAppFake = ReturnType<typeof createDocumentApp>;
