// Progressive enhancement of the comment form (served as /assets/comment-reply.js): "Reply" moves the
// form under the comment instead of reloading the page, and a consenting reader's name, email and
// website come back from the bs_commenter cookie. Without this script everything still works.
(() => {
  const respond = document.getElementById('respond');
  const form = document.getElementById('commentform');
  if (!respond || !form) return;
  const parentField = document.getElementById('comment_parent');
  const titleText = document.getElementById('reply-title-text');
  const cancel = document.getElementById('cancel-comment-reply-link');
  const home = document.createElement('div');
  home.id = 'respond-home';
  home.hidden = true;
  respond.before(home);
  const leaveTitle = 'Leave a Reply';

  function replyTo(link) {
    const id = link.dataset.commentId;
    const body = document.getElementById(`div-comment-${id}`);
    if (!body) return false;
    body.after(respond);
    parentField.value = id;
    titleText.textContent = `Reply to ${link.dataset.author}`;
    cancel.hidden = false;
    form.elements.comment.focus();
    return true;
  }

  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('.comment-reply-link') : null;
    if (link && replyTo(link)) event.preventDefault();
  });

  cancel.addEventListener('click', (event) => {
    event.preventDefault();
    home.after(respond);
    parentField.value = '0';
    titleText.textContent = leaveTitle;
    cancel.hidden = true;
  });

  const saved = document.cookie.split('; ').find((c) => c.startsWith('bs_commenter='));
  if (saved) {
    try {
      const remembered = JSON.parse(decodeURIComponent(saved.slice('bs_commenter='.length)));
      const fill = (name, value) => {
        const field = form.elements[name];
        if (field && !field.value && typeof value === 'string') field.value = value;
      };
      fill('author', remembered.n);
      fill('email', remembered.e);
      fill('url', remembered.u);
      form.elements['wp-comment-cookies-consent'].checked = true;
    } catch {
      // A damaged cookie only costs the reader some typing.
    }
  }
})();
