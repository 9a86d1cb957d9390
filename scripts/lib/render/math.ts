/**
 * TeX -> HTML/MathML with KaTeX 0.16. Errors throw (KaTeX's own default, and the markdown-it
 * plugins', is to log and print the raw TeX in red, which would ship broken math to readers).
 */
import katex from 'katex';

/**
 * `htmlAndMathml` for the web (visual HTML plus MathML for screen readers); `mathml` for EPUB;
 * `html` for print (workbook and worksheets), where Chromium neither draws nor tags the hidden MathML (the tagged PDF is
 * the same without it) but lays it out: it was a sixth of the print document's elements.
 */
export type MathOutput = 'htmlAndMathml' | 'mathml' | 'html';

/**
 * KaTeX's strict mode flags TeX that LaTeX itself would reject. Two of its codes are about
 * input that renders identically and that authors write on purpose, so they pass.
 */
function strict(errorCode: string): 'ignore' | 'error' {
  return errorCode === 'unicodeTextInMathMode' || errorCode === 'newLineInDisplayMode' ? 'ignore' : 'error';
}

export function renderTex(tex: string, displayMode: boolean, output: MathOutput = 'htmlAndMathml'): string {
  return katex.renderToString(tex, { displayMode, output, throwOnError: true, strict, trust: false });
}

/** The message of a TeX error, or undefined when the TeX compiles. */
export function checkTex(tex: string, displayMode: boolean): string | undefined {
  try {
    renderTex(tex, displayMode);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/^KaTeX parse error: /, '') : String(error);
    return message.replace(/\s+/g, ' ').trim();
  }
}
