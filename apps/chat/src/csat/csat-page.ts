import Handlebars from 'handlebars';

/**
 * The one small page the rating links answer with, everything in it escaped: a thank-you with
 * the rating chosen, and a form to change it or add a comment (a mail scanner that followed a
 * link is thus corrected by the visitor's own choice). No script.
 */
export const csatPage = Handlebars.compile(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{{title}}</title>
<style>body{font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;background:#f3f4f6;color:#1f2937;display:flex;justify-content:center;padding:48px 16px}
main{background:#fff;border-radius:8px;padding:32px;max-width:480px}fieldset{border:0;padding:0;margin:16px 0;display:flex;gap:8px}
label.r{border:1px solid #d1d5db;border-radius:6px;padding:8px 12px;cursor:pointer}textarea{width:100%;box-sizing:border-box;min-height:96px;font:inherit}
button{background:#2563eb;color:#fff;border:0;border-radius:6px;padding:10px 18px;font-size:15px;cursor:pointer;margin-top:12px}</style>
</head><body><main><h1>{{title}}</h1><p>{{message}}</p>
{{#if token}}<form method="post" action="?token={{token}}">
<fieldset><legend>Your rating, from 1 (very unhappy) to 5 (very happy)</legend>
{{#each ratings}}<label class="r"><input type="radio" name="rating" value="{{value}}"{{#if checked}} checked{{/if}}> {{value}}</label>{{/each}}
</fieldset>
<label for="comment">Anything to add? (optional)</label>
<textarea id="comment" name="comment" maxlength="{{commentMax}}">{{comment}}</textarea>
<button type="submit">Send</button></form>{{/if}}
</main></body></html>`);
