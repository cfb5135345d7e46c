// Only the elements this page uses: each `define` module registers one tag (skipping a tag that is
// already defined) and brings in what it needs. The feed and the service come from the page's
// `<script type="application/json" data-statuskit>` tag, so one build serves every environment.
import '@statuskit/elements/banner/define';
import '@statuskit/elements/alternatives/define';
import '@statuskit/elements/dependencies/define';
import '@statuskit/elements/maintenance/define';
