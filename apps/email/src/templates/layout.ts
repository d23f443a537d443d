/**
 * The frame of every email, in MJML (responsive, and laid out with tables that mail clients
 * render alike). It is compiled to HTML once at start-up; the Handlebars expressions in it are
 * filled in per mail, escaped, except `bodyHtml`, which its own template escaped already.
 */
/**
 * MJML checks colours, so the layout names a stand-in colour where the tenant's goes; it is
 * swapped for the Handlebars expression once compiled.
 */
export const BRAND_COLOR_SLOT = '#0a0b0c';

export const LAYOUT_MJML = `
<mjml>
  <mj-head>
    <mj-title>{{subject}}</mj-title>
    <mj-preview>{{preview}}</mj-preview>
    <mj-attributes>
      <mj-all font-family="-apple-system, 'Segoe UI', Helvetica, Arial, sans-serif" />
      <mj-text font-size="15px" line-height="1.55" color="#1f2937" />
    </mj-attributes>
  </mj-head>
  <mj-body background-color="#f3f4f6">
    <mj-section background-color="${BRAND_COLOR_SLOT}" padding="16px 24px">
      <mj-column>
        <mj-text color="#ffffff" font-size="18px" font-weight="600">{{tenantName}}</mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="24px">
      <mj-column>
        <mj-text>{{{bodyHtml}}}</mj-text>
      </mj-column>
    </mj-section>
    <mj-section padding="12px 24px">
      <mj-column>
        <mj-text font-size="12px" color="#6b7280">
          Sent by {{tenantName}} through Parley.
          {{#if unsubscribeUrl}}
            <a href="{{unsubscribeUrl}}" style="color:#6b7280">Unsubscribe</a> from these emails.
          {{/if}}
        </mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;

/** A call-to-action link styled as a button in the tenant's colour. */
export const BUTTON_STYLE =
  'display:inline-block;padding:10px 18px;border-radius:6px;color:#ffffff;text-decoration:none;font-weight:600';
