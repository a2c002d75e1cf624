//! The studio's one icon set, Lucide (`icondata_lu`), drawn as inline SVG in `currentColor`. Each view
//! names the icons it uses, so an icon ships in the chunk that draws it.

pub use icondata_lu::{
    LuBookOpen as PROMPTS, LuChartColumn as LEDGER, LuCheck as CHECK, LuChevronDown as OPENS,
    LuChevronLeft as PREVIOUS, LuChevronRight as NEXT, LuCircleCheck as SELECTED,
    LuColumns2 as COMPARE, LuCommand as COMMAND, LuCopy as COPY, LuDownload as DOWNLOAD,
    LuEllipsis as MORE, LuExpand as EXPAND, LuExternalLink as OPEN, LuFolder as COLLECTION,
    LuFolderMinus as COLLECTION_REMOVE, LuFolderPlus as COLLECTION_ADD, LuImage as RAW,
    LuImagePlus as REFERENCE, LuImages as COUNT, LuKeyboard as SHORTCUTS, LuListFilter as FILTER,
    LuPenLine as MARK_UP, LuPencil as RENAME, LuRatio as RATIO, LuScan as SIZE,
    LuSettings as SETTINGS, LuSettings2 as OPTIONS, LuSlidersHorizontal as REUSE,
    LuSparkles as MODEL, LuSquareCheck as SELECT, LuSquareDashedMousePointer as REGION,
    LuSquareSplitHorizontal as BEFORE_AFTER, LuStar as STAR, LuTrash2 as DELETE,
    LuUpload as UPLOAD, LuWandSparkles as CONTINUE, LuX as CLOSE, LuZoomIn as ZOOM_IN,
    LuZoomOut as ZOOM_OUT,
};
use leptos::prelude::*;

/// One icon, hidden from assistive technology: the button around it carries the name.
pub fn icon(icon: &'static icondata_core::IconData) -> impl IntoView {
    view! {
        <svg class="icon" viewBox=icon.view_box.unwrap_or("0 0 24 24") aria-hidden="true"
            focusable="false" inner_html=icon.data></svg>
    }
}
