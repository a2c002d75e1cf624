// Trunk post-build hook: the steps in order (ES modules run in the order they are imported).
import './split.mjs';
import './locales.mjs';
import './pixels.mjs';
import './csp.mjs';
import './embed.mjs';
import './sw.mjs';
