/*
 * elf64.h - the ELF64 structures both builds read in memory (gABI layouts, the same
 * in FreeBSD's sys/sys/elf64.h and Linux's include/uapi/linux/elf.h): the file header
 * (64 bytes), a program header (56 bytes), a dynamic entry (16 bytes).
 */
#ifndef XRUN_ELF64_H
#define XRUN_ELF64_H

typedef struct {
	unsigned char e_ident[16];
	uint16_t e_type, e_machine;
	uint32_t e_version;
	uint64_t e_entry, e_phoff, e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
} Elf64_Ehdr;
typedef struct {
	uint32_t p_type, p_flags;
	uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
} Elf64_Phdr;
typedef struct {
	int64_t d_tag;
	union { uint64_t d_val; uint64_t d_ptr; } d_un;
} Elf64_Dyn;

#endif
