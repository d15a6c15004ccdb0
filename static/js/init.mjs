// Starts GOV.UK Frontend's components (menu toggle, checkboxes, details...). Pages work without it.
import { initAll } from "../govuk-frontend/dist/govuk/govuk-frontend.min.js";

initAll();
