/** A stopwatch, drawn inline so it shows on a screen without an emoji font; decorative (the title says "Timer"). */
export function TimerIcon() {
  return (
    <svg
      class="card-icon"
      data-testid="icon-timer"
      viewBox="0 0 24 24"
      width="20"
      height="20"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
    >
      <circle cx="12" cy="13" r="8" />
      <path d="M12 9v4l2.5 2.5M9.5 2.5h5M12 2.5V5" />
    </svg>
  );
}
