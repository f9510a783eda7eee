/** Entry of every Pairwise webview (dist/webview.js): starts the compare or the dashboard view, per the page. */
if (document.body.dataset.view === 'dashboard') void import('./dashboard/main');
else void import('./compare/main');
