/**
 * The operators' console, served at /console (hash routes: #/homes[/id], #/devices, #/device/id,
 * #/products[/productKey], #/tokens, #/events, #/merchant[/section], #/merchants, #/miniapps[/appId],
 * #/miniapp-review, #/apply).
 *
 * Stable selectors for tests (labels for getByLabel, names for getByRole('button'|'link')):
 * - Sign in:  label "Token"; button "Sign in"; header shows role in `.role`; button "Sign out".
 * - Nav links: "Homes and areas", "Devices", "Products", "Tokens", "Live log", "Merchant", "Merchants" — only those the
 *             token's `can` (GET /api/v1/me) allows; a page it may not use shows heading "Not available".
 * - Homes:    labels "Home name", "Language"; button "Create home"; homes are links by name.
 *             Selected home: buttons "Edit home" (labels "New name", "New language", button "Save home"),
 *             "Delete home" then "Yes, delete".
 *             Areas: labels "Area name", "Aliases"; button "Add area"; per area "Rename area <name>",
 *             "Delete area <name>".
 *             Screen: button "Pair a screen" (then "New code", "Close"); the code ("ABC-234") is in
 *             [data-testid=pairing-code]; QR image alt "QR code that pairs a screen with <home>"; the
 *             pairing URL is the link [data-testid=pairing-link] (the hub's publicUrl or LAN address when
 *             the hub's link names localhost); [data-testid=pairing-local-warning] when only localhost works.
 * - Devices:  label "Home" (home picker); form "Add a device": labels "Product", "Device name", "Area",
 *             "MQTT deviceName"; button "Add device". Credentials panel: productKey, deviceName,
 *             deviceSecret, broker [data-testid=broker-host|broker-port|broker-ws-port], MQTT user name,
 *             topics, button "Copy credentials", image alt "Pairing QR code for <deviceName>",
 *             button "I have saved them". Devices are links by name.
 * - Device:   form "Device settings": labels "Device display name", "Device area", "Device aliases";
 *             button "Save device" (then status "Saved."); button "Delete device" then "Yes, delete".
 *             Button "Rotate secret" then "Yes, rotate"; labels "Property to chart", "Period";
 *             form "Set properties": one control per writable property labelled by its TSL name
 *             (light: "Power" switch, "Brightness" number 0..100, "Colour temperature", "Mode");
 *             button "Set properties"; checkbox "Queue if the device is offline"; per service a form
 *             "Call service <name>" with button "Call <name>". The device's answer is a role=status.
 * - Products: labels "Product name", "Category", "Insert example", "TSL file", "Product TSL"; button "Create product".
 *             TSL errors: .tsl-problem (role=alert) next to the textarea, highlighted part in
 *             `.json-editor mark`. Product page: labels "Capability <name>", button "Save mapping",
 *             "Delete product".
 * - Tokens:   labels "Token name", "Role", "Home" (household only); button "Create token"; secret in
 *             [data-testid=token-secret], button "Copy token"; per row "Revoke token <name>" then
 *             "Yes, revoke"; checkbox "Show revoked tokens".
 * - Merchant: heading "Merchant"; the merchant id in [data-testid=merchant-id], status in
 *             [data-testid=merchant-status]; checklist `ol.checklist li[data-step=<step>]` with links such as
 *             "Upload stores"; sections (section.panel) "Onboarding", "Order board", "Profile", "Stores", "Menu".
 *             Profile: labels "Name in English|Chinese|Italian|French", "Contact email|phone|person",
 *             "Payout account holder", "IBAN", "Webhook URL"; button "Save profile".
 *             Stores: label "Stores file (CSV or JSON)", button "Upload stores", result [data-testid=store-import],
 *             table "Stores". Menu: label "Menu JSON", button "Save menu", `.menu-problem`, table "Menu preview".
 *             Board: [data-testid=board-live]; `li.order-card[data-order-id][data-status]`; buttons
 *             "Accept|Start preparing|Mark ready|Picked up order <pickup code>", "Refund order <code>" then "Yes, refund".
 * - Merchants (operator): label "Show merchants"; per merchant an article "Merchant <name>" with buttons
 *             "Approve <name>", "Reject <name>" (label "Reason for rejecting <name>", button "Reject with this reason").
 * - Apply (#/apply, link "Apply as a merchant" on sign-in): labels "Business name in English|Chinese|Italian|French",
 *             "Currency", "Contact email|phone|person"; button "Apply"; token in [data-testid=merchant-token];
 *             button "Open the merchant console".
 * - Mini-apps (developer, #/miniapps[/appId]): form "Upload a mini-app" with label "Package (.gapp)", button
 *             "Upload for review", result [data-testid=upload-result]; table "My mini-apps" (apps are links by name).
 *             App page: list "Versions" (li[data-version]) with [data-testid=version-status], the reviewer's
 *             reason [data-testid=review-reason], list "Checks of <version>" (li[data-check][data-ok]); button
 *             "Refresh log", list "App log".
 * - Mini-app review (operator, #/miniapp-review): list "Review queue", per version an article
 *             "Review <name> <version>" with table "Permissions of <name> <version>" (tr[data-permission]),
 *             [data-testid=sizes], list "Checks of <name> <version>"; buttons "Publish <name> <version>",
 *             "Reject <name> <version>" (label "Reason for rejecting <name> <version>", button "Reject with this
 *             reason"); forms "Roll back <name>" (label "Version of <name> to go back to", button "Roll back").
 * - Live log: labels "Event name starts with", "Only events of home"; buttons "Pause"/"Resume", "Clear";
 *             connection state in [data-testid=live-state] ("Connected"); rows in `ol.log > li`.
 */
import { render } from 'preact';
import { App } from './app.js';
import './console.css';

const root = document.getElementById('app');
if (root) render(<App />, root);
