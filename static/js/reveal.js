// "tampilkan" (records.reveal): a refused reveal (400, no reason given) comes back as the form with its
// error; htmx does not swap error responses unless told to.
document.addEventListener("htmx:beforeSwap", (event) => {
  const target = event.detail.target;
  if (event.detail.xhr.status === 400 && target && target.classList.contains("reveal-number")) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
