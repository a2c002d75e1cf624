// Trunk post-build hook: the three steps in order (ES modules run in the order they are imported).
import './csp.mjs';
import './embed.mjs';
import './sw.mjs';
